using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>One search hit: the seed's <c>PackageInfo</c>.</summary>
/// <param name="Name">Package name.</param>
/// <param name="Version">The installed version, else the candidate version.</param>
/// <param name="Description">One-line synopsis.</param>
/// <param name="Source">Backend: <c>apt</c>, <c>npm</c> or <c>pypi</c>.</param>
/// <param name="Installed">Additive field <c>installed</c>: true when the package is installed (false when absent on the wire).</param>
public sealed record PackageInfo(string Name, string Version, string Description, string Source, bool Installed = false)
{
    private static readonly StructFields Fields = new(nameof(PackageInfo), 4, "name", "version", "description", "source", "installed");

    // The map header and keys exactly as writers emit them, shared by Write and the in-order read.
    private static ReadOnlySpan<byte> HeaderAndNameKey => [0x85, 0xa4, (byte)'n', (byte)'a', (byte)'m', (byte)'e'];

    private static ReadOnlySpan<byte> VersionKey => [0xa7, (byte)'v', (byte)'e', (byte)'r', (byte)'s', (byte)'i', (byte)'o', (byte)'n'];

    private static ReadOnlySpan<byte> DescriptionKey => [0xab, (byte)'d', (byte)'e', (byte)'s', (byte)'c', (byte)'r', (byte)'i', (byte)'p', (byte)'t', (byte)'i', (byte)'o', (byte)'n'];

    private static ReadOnlySpan<byte> SourceKey => [0xa6, (byte)'s', (byte)'o', (byte)'u', (byte)'r', (byte)'c', (byte)'e'];

    private static ReadOnlySpan<byte> InstalledKey => [0xa9, (byte)'i', (byte)'n', (byte)'s', (byte)'t', (byte)'a', (byte)'l', (byte)'l', (byte)'e', (byte)'d'];

    // The three backend names as encoded values: recognised on the wire, each hit shares one string instead of
    // allocating the same letters fifty times per answer.
    private static ReadOnlySpan<byte> AptValue => [0xa3, (byte)'a', (byte)'p', (byte)'t'];

    private static ReadOnlySpan<byte> NpmValue => [0xa3, (byte)'n', (byte)'p', (byte)'m'];

    private static ReadOnlySpan<byte> PypiValue => [0xa4, (byte)'p', (byte)'y', (byte)'p', (byte)'i'];

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteRaw(HeaderAndNameKey);
        writer.WriteString(Name);
        writer.WriteRaw(VersionKey);
        writer.WriteString(Version);
        writer.WriteRaw(DescriptionKey);
        writer.WriteString(Description);
        writer.WriteRaw(SourceKey);
        writer.WriteString(Source);
        writer.WriteRaw(InstalledKey);
        writer.WriteBoolean(Installed);
    }

    internal static PackageInfo Read(ref MessagePackReader reader)
    {
        int start = reader.Position;

        // Search answers carry dozens of these in the one shape writers produce (all five fields, in order):
        // that shape is read straight through, comparing each key as a constant. Anything else (a missing,
        // extra, reordered or repeated key) is read again from the start the general way.
        if (TryReadInOrder(ref reader, out PackageInfo? package))
        {
            return package;
        }

        reader.Rewind(start);
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string name = string.Empty, version = string.Empty, description = string.Empty, source = string.Empty;
        bool installed = false;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: name = reader.ReadString(); break;
                case 1: version = reader.ReadString(); break;
                case 2: description = reader.ReadString(); break;
                case 3: source = ReadSource(ref reader); break;
                case 4: installed = reader.ReadBoolean(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new PackageInfo(name, version, description, source, installed);
    }

    // Over a local span with the offset in a local: through the reader (passed by reference) the JIT stores and
    // reloads its position around every step. Any string that is not ASCII, or longer than a str16 holds, sends the
    // record to the general path, which reads it again from the start and reports errors where they are.
    private static bool TryReadInOrder(ref MessagePackReader reader, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out PackageInfo? package)
    {
        package = null;
        ReadOnlySpan<byte> input = reader.Unread;
        int at = HeaderAndNameKey.Length;
        if (!input.StartsWith(HeaderAndNameKey)
            || !TryReadAscii(input, ref at, out string? name)
            || !TrySkip(input, ref at, VersionKey)
            || !TryReadAscii(input, ref at, out string? version)
            || !TrySkip(input, ref at, DescriptionKey)
            || !TryReadAscii(input, ref at, out string? description)
            || !TrySkip(input, ref at, SourceKey)
            || !TryReadSource(input, ref at, out string? source)
            || !TrySkip(input, ref at, InstalledKey)
            || (uint)at >= (uint)input.Length
            || input[at] is not (MessagePackCode.False or MessagePackCode.True))
        {
            return false;
        }

        bool installed = input[at] == MessagePackCode.True;
        reader.Advance(at + 1);
        package = new PackageInfo(name, version, description, source, installed);
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TrySkip(ReadOnlySpan<byte> input, ref int at, ReadOnlySpan<byte> encoded)
    {
        if ((uint)at > (uint)input.Length || !input[at..].StartsWith(encoded))
        {
            return false;
        }

        at += encoded.Length;
        return true;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    private static bool TryReadAscii(ReadOnlySpan<byte> input, ref int at, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? text)
    {
        text = null;
        if ((uint)at >= (uint)input.Length)
        {
            return false;
        }

        byte code = input[at];
        int start;
        int length;
        if (code is >= MessagePackCode.MinFixStr and <= MessagePackCode.MaxFixStr)
        {
            start = at + 1;
            length = code - MessagePackCode.MinFixStr;
        }
        else if (code == MessagePackCode.Str8 && (uint)(at + 1) < (uint)input.Length)
        {
            start = at + 2;
            length = input[at + 1];
        }
        else if (code == MessagePackCode.Str16 && (uint)(at + 2) < (uint)input.Length)
        {
            start = at + 3;
            length = (input[at + 1] << 8) | input[at + 2];
        }
        else
        {
            return false;
        }

        if (length > input.Length - start)
        {
            return false;
        }

        text = length == 0 ? string.Empty : AsciiStrings.TryCreate(input.Slice(start, length));
        at = start + length;
        return text is not null;
    }

    private static bool TryReadSource(ReadOnlySpan<byte> input, ref int at, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? source)
    {
        source = TrySkip(input, ref at, AptValue) ? "apt"
            : TrySkip(input, ref at, NpmValue) ? "npm"
            : TrySkip(input, ref at, PypiValue) ? "pypi"
            : null;
        return source is not null || TryReadAscii(input, ref at, out source);
    }

    private static string ReadSource(ref MessagePackReader reader) =>
        reader.TryReadEncoded(AptValue) ? "apt"
        : reader.TryReadEncoded(NpmValue) ? "npm"
        : reader.TryReadEncoded(PypiValue) ? "pypi"
        : reader.ReadString();
}
