namespace Omg.Packages.Runtimes;

/// <summary>A runtime found on disk, before the default is known.</summary>
/// <param name="Info">The runtime (its <see cref="RuntimeInfo.IsDefault"/> still false).</param>
/// <param name="Command">The plain command whose resolution decides the default (<c>python3</c>, <c>node</c>, ...).</param>
/// <param name="Owns">In-root path that the resolved command equals or lies under when this runtime is the default.</param>
internal sealed record RuntimeCandidate(RuntimeInfo Info, string Command, string Owns);
