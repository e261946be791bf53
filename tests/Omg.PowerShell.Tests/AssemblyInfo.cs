using System.Runtime.Versioning;

// omgd and its Unix sockets are Linux-only, and so are these tests that start it.
[assembly: SupportedOSPlatform("linux")]
