"""Strategic merge patch, a port of k8s.io/apimachinery/pkg/util/strategicpatch.

* ``merge`` - applying a patch (mergeMap, mergeSlice; StrategicMergeMapPatch)
* ``diff`` - computing patches (diffMaps, diffLists; CreateTwoWayMergePatch,
  CreateThreeWayMergePatch)
* ``lists`` - the list helpers both halves share (patch.go)
* ``meta`` - the patchStrategy / patchMergeKey metadata of the served types (meta.go)
"""
