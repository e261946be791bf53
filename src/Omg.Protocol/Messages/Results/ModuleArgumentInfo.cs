using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>An argument a module's doc declares.</summary>
/// <param name="Name">Its key in the request's <c>arguments</c>.</param>
/// <param name="Type">Its declared type (string, int, bool, number, list, ...); empty when the doc names none.</param>
/// <param name="Required">Whether a call must give it.</param>
/// <param name="Description">What it is for.</param>
/// <param name="Default">The doc's default, as text; null (nil on the wire) when it names none.</param>
public sealed record ModuleArgumentInfo(string Name, string Type, bool Required, string Description, string? Default)
{
    private static readonly StructFields Fields = new(nameof(ModuleArgumentInfo), 1, "name", "type", "required", "description", "default");

    internal void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteStringUtf8("name"u8);
        writer.WriteString(Name);
        writer.WriteStringUtf8("type"u8);
        writer.WriteString(Type);
        writer.WriteStringUtf8("required"u8);
        writer.WriteBoolean(Required);
        writer.WriteStringUtf8("description"u8);
        writer.WriteString(Description);
        writer.WriteStringUtf8("default"u8);
        if (Default is null)
        {
            writer.WriteNil();
        }
        else
        {
            writer.WriteString(Default);
        }
    }

    internal static ModuleArgumentInfo Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        string name = string.Empty, type = string.Empty, description = string.Empty;
        string? fallback = null;
        bool required = false;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: name = reader.ReadString(); break;
                case 1: type = reader.ReadString(); break;
                case 2: required = reader.ReadBoolean(); break;
                case 3: description = reader.ReadString(); break;
                case 4: fallback = reader.ReadNullableString(); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new ModuleArgumentInfo(name, type, required, description, fallback);
    }
}
