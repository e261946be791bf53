using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>An option (flag) a module's doc declares.</summary>
/// <param name="Name">The option as it appears in the request's <c>options</c>.</param>
/// <param name="Description">What it does.</param>
public sealed record ModuleOptionInfo(string Name, string Description)
{
    private static readonly StructFields Fields = new(nameof(ModuleOptionInfo), 1, "name", "description");

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(2);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("description"u8);
        writer.WriteString(Description);
    }

    internal static ModuleOptionInfo Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string name = string.Empty, description = string.Empty;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: name = reader.ReadString(); break;
                case 1: description = reader.ReadString(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new ModuleOptionInfo(name, description);
    }
}
