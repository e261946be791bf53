namespace Omg.Modules.Catalog;

/// <summary>One argument a module's doc declares.</summary>
/// <param name="Name">The argument's key in the request's <c>arguments</c>.</param>
/// <param name="Type">The declared type (string, int, bool, number, list; empty or anything else is not checked).</param>
/// <param name="Required">Whether a call must give it (unless the doc gives a default).</param>
/// <param name="Description">What it is for.</param>
/// <param name="Default">The default the doc names, as text; null when it names none.</param>
public sealed record ModuleDocArgument(string Name, string Type, bool Required, string Description, string? Default);
