namespace Omg.Benchmarks.Handwritten;

/// <summary>A well-formed request named a variant this build does not know; answered with METHOD_NOT_FOUND.</summary>
public sealed class UnknownVariantException : ProtocolException
{
    /// <summary>Creates the exception.</summary>
    public UnknownVariantException(string variant, ulong? requestId)
        : base(ErrorCodes.MethodNotFound, $"unknown request type '{variant}'", requestId)
    {
        Variant = variant;
    }

    /// <summary>The variant name the request used.</summary>
    public string Variant { get; }
}
