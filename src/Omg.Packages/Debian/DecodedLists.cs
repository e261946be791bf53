using Omg.Packages.Compression;

namespace Omg.Packages.Debian;

/// <summary>The decompressed contents of apt's list files, indexed like the files.</summary>
/// <param name="Data">Each file's bytes; null where the file could not be read.</param>
/// <param name="Errors">Why a file could not be read; null where it was.</param>
internal sealed record DecodedLists(DecompressedData?[] Data, string?[] Errors);
