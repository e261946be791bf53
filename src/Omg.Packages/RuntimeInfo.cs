namespace Omg.Packages;

/// <summary>An installed language runtime or toolchain.</summary>
/// <param name="Name">Runtime family: <c>python</c>, <c>node</c>, <c>go</c>, <c>rust</c>, <c>java</c>, <c>dotnet</c>, <c>ruby</c>.</param>
/// <param name="Version">Version as the runtime reports it in its files (no process is run).</param>
/// <param name="Path">Directory or executable the runtime lives at.</param>
/// <param name="Manager">Who installed it: <c>system</c>, <c>pyenv</c>, <c>nvm</c>, <c>rustup</c>, <c>rbenv</c>, ...</param>
/// <param name="IsDefault">True for the one a plain command on PATH would run.</param>
public sealed record RuntimeInfo(string Name, string Version, string Path, string Manager, bool IsDefault);
