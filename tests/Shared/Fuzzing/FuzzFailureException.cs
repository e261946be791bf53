namespace Omg.Tests.Shared.Fuzzing;

/// <summary>A fuzz target's property failed; the message holds the seeds that replay it and CsCheck's shrunk case.</summary>
internal sealed class FuzzFailureException(string message, Exception inner) : Exception(message, inner);
