namespace Omg.Tests.Shared.Fuzzing;

/// <summary>A fuzz target saw the code under test break its documented contract for one input.</summary>
internal sealed class FuzzPropertyException(string message) : Exception(message)
{
    /// <summary>Throws with <paramref name="message"/> unless <paramref name="condition"/> holds.</summary>
    public static void Unless(bool condition, string message)
    {
        if (!condition)
        {
            throw new FuzzPropertyException(message);
        }
    }
}
