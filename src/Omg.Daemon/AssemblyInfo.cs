using System.Runtime.Versioning;

// omgd reads dpkg/apt state, binds Unix sockets with SO_PEERCRED and calls libc: it is Linux-only.
[assembly: SupportedOSPlatform("linux")]
