namespace Omg.Packages.Compression;

/// <summary>The compressions apt may leave an index file in, recognised by file name suffix.</summary>
internal enum IndexCompression
{
    /// <summary>Plain text.</summary>
    None,

    /// <summary>gzip (<c>.gz</c>).</summary>
    Gzip,

    /// <summary>xz (<c>.xz</c>), decoded by liblzma.</summary>
    Xz,

    /// <summary>LZ4 frame format (<c>.lz4</c>), decoded by liblz4.</summary>
    Lz4,

    /// <summary>Zstandard (<c>.zst</c>), decoded by libzstd.</summary>
    Zstd,

    /// <summary>A suffix apt knows (<c>.bz2</c>, <c>.lzma</c>) or anything else this reader does not decode.</summary>
    Unknown,
}
