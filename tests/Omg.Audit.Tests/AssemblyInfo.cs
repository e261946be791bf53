using System.Runtime.Versioning;

// omgd is Linux-only, and so are its backends and their tests.
[assembly: SupportedOSPlatform("linux")]
