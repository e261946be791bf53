namespace Omg.Tests.Shared.Fuzzing;

/// <summary>A fuzz target saw the code under test break its documented contract for one input.</summary>
internal sealed class FuzzPropertyException(string message) : Exception(message);
