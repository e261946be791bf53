using System.Runtime.Versioning;

// Part of omgd, which is Linux-only.
[assembly: SupportedOSPlatform("linux")]
