using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>
/// One module omgd can run, with what its doc says. The doc fields after <c>path</c> are additive (absent from an
/// older omgd, read as empty), so a module without a doc, or with one that could not be read, has them empty.
/// </summary>
/// <param name="Name">Its dotted name (<c>sys.proc</c>).</param>
/// <param name="Version">Its doc's version; empty without a doc.</param>
/// <param name="Description">Its doc's description; empty without a doc.</param>
/// <param name="Path">Its executable.</param>
public sealed record ModuleInfo(string Name, string Version, string Description, string Path)
{
    private static readonly StructFields Fields = new(nameof(ModuleInfo), 1, "name", "version", "description", "path", "author", "arguments", "options", "examples", "returns");

    /// <summary>The doc's author.</summary>
    public string Author { get; init; } = string.Empty;

    /// <summary>The arguments the doc declares.</summary>
    public IReadOnlyList<ModuleArgumentInfo> Arguments { get; init; } = [];

    /// <summary>The options the doc declares.</summary>
    public IReadOnlyList<ModuleOptionInfo> Options { get; init; } = [];

    /// <summary>The doc's examples, as text.</summary>
    public IReadOnlyList<string> Examples { get; init; } = [];

    /// <summary>What the doc says the module returns.</summary>
    public string Returns { get; init; } = string.Empty;

    /// <inheritdoc />
    public bool Equals(ModuleInfo? other) =>
        other is not null && Name == other.Name && Version == other.Version && Description == other.Description && Path == other.Path
        && Author == other.Author && Returns == other.Returns && Arguments.SequenceEqual(other.Arguments)
        && Options.SequenceEqual(other.Options) && Examples.SequenceEqual(other.Examples);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Version, Path);

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(9);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("version"u8);
        writer.WriteString(Version);
        writer.WriteStringUtf8("description"u8);
        writer.WriteString(Description);
        writer.WriteStringUtf8("path"u8);
        writer.WriteString(Path);
        writer.WriteStringUtf8("author"u8);
        writer.WriteString(Author);
        writer.WriteStringUtf8("arguments"u8);
        writer.WriteArrayHeader(Arguments.Count);
        foreach (ModuleArgumentInfo argument in Arguments)
        {
            argument.Write(ref writer);
        }

        writer.WriteStringUtf8("options"u8);
        writer.WriteArrayHeader(Options.Count);
        foreach (ModuleOptionInfo option in Options)
        {
            option.Write(ref writer);
        }

        writer.WriteStringUtf8("examples"u8);
        FieldReader.WriteStringArray(ref writer, Examples);
        writer.WriteStringUtf8("returns"u8);
        writer.WriteString(Returns);
    }

    internal static ModuleInfo Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string[] texts = [string.Empty, string.Empty, string.Empty, string.Empty, string.Empty];
        string returns = string.Empty;
        ModuleArgumentInfo[] arguments = [];
        ModuleOptionInfo[] options = [];
        string[] examples = [];
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case int field and >= 0 and <= 4: texts[field] = reader.ReadString(); break;
                case 5: arguments = ReadList(ref reader, static (ref MessagePackReader r) => ModuleArgumentInfo.Read(ref r)); break;
                case 6: options = ReadList(ref reader, static (ref MessagePackReader r) => ModuleOptionInfo.Read(ref r)); break;
                case 7: examples = FieldReader.ReadStringArray(ref reader); break;
                case 8: returns = reader.ReadString(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new ModuleInfo(texts[0], texts[1], texts[2], texts[3])
        {
            Author = texts[4],
            Arguments = arguments,
            Options = options,
            Examples = examples,
            Returns = returns,
        };
    }

    private delegate T ItemReader<T>(ref MessagePackReader reader);

    private static T[] ReadList<T>(ref MessagePackReader reader, ItemReader<T> read)
    {
        int count = reader.ReadArrayHeader();
        var items = new T[count];
        for (int i = 0; i < count; i++)
        {
            items[i] = read(ref reader);
        }

        return items;
    }
}
