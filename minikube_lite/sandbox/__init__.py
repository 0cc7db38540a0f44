"""What runs inside a simulated container: the shell, its files, the image registry and run plans."""
