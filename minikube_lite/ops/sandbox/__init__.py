"""What an exec'd process needs from the cluster: its pod's context, the network, the live world."""
