namespace Omg.Modules.Catalog;

/// <summary>One option (flag) a module's doc declares.</summary>
/// <param name="Name">The option as it appears in the request's <c>options</c>.</param>
/// <param name="Description">What it does.</param>
public sealed record ModuleDocOption(string Name, string Description);
