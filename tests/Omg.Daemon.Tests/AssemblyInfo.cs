using System.Runtime.Versioning;

// omgd is Linux-only, and so are the tests that drive it.
[assembly: SupportedOSPlatform("linux")]
