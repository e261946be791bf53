namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>The families of MessagePack values, as told by a value's first byte.</summary>
public enum MessagePackType
{
    /// <summary>The reserved byte 0xc1, which no valid value starts with.</summary>
    Unknown,
    /// <summary>nil.</summary>
    Nil,
    /// <summary>true or false.</summary>
    Boolean,
    /// <summary>Any signed or unsigned integer format.</summary>
    Integer,
    /// <summary>float32 or float64.</summary>
    Float,
    /// <summary>A UTF-8 string.</summary>
    String,
    /// <summary>A byte array.</summary>
    Binary,
    /// <summary>An array of values.</summary>
    Array,
    /// <summary>A map of key/value pairs.</summary>
    Map,
    /// <summary>An extension value (type and data), including timestamps.</summary>
    Extension,
}
