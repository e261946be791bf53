namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>What a <see cref="MessagePackValue"/> holds.</summary>
public enum MessagePackValueKind
{
    /// <summary>nil.</summary>
    Nil,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>An integer from -2^63 to 2^64-1.</summary>
    Integer,
    /// <summary>A float32.</summary>
    Float32,
    /// <summary>A float64.</summary>
    Float64,
    /// <summary>A UTF-8 string.</summary>
    String,
    /// <summary>A byte array.</summary>
    Binary,
    /// <summary>An array.</summary>
    Array,
    /// <summary>A map.</summary>
    Map,
    /// <summary>An extension other than a timestamp.</summary>
    Extension,
    /// <summary>A timestamp (extension type -1).</summary>
    Timestamp,
}
