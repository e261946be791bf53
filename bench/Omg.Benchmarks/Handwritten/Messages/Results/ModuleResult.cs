using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>The answer to Module: what the module's JSON response said, with its logs moved out of <c>data</c>.</summary>
/// <param name="Retcode">The module's return code (0 here; a non-zero code is answered as an error).</param>
/// <param name="Message">The module's main message.</param>
/// <param name="Warning">Warnings the module returned.</param>
/// <param name="Data">The module's <c>data</c>, nil when it returned none.</param>
/// <param name="Logs">Log lines from <c>data["__sysinspect-module-logs"]</c>.</param>
public sealed record ModuleResult(int Retcode, string Message, IReadOnlyList<string> Warning, MessagePackValue Data, IReadOnlyList<string> Logs) : ResponseResult
{
    private static readonly StructFields Fields = new(nameof(ModuleResult), 2, "retcode", "message", "warning", "data", "logs");

    /// <inheritdoc />
    public override string Variant => "Module";

    internal static ModuleResult ReadValue(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = Fields.ReadHeader(ref reader);
        uint seen = 0;
        int retcode = 0;
        string message = string.Empty;
        string[] warning = [], logs = [];
        MessagePackValue data = MessagePackValue.Nil;
        for (int i = 0; i < count; i++)
        {
            switch (Fields.Next(ref reader, ref seen))
            {
                case 0: retcode = reader.ReadInt32(); break;
                case 1: message = reader.ReadString(); break;
                case 2: warning = FieldReader.ReadStringArray(ref reader); break;
                case 3: data = MessagePackValue.Read(ref reader); break;
                case 4: logs = FieldReader.ReadStringArray(ref reader); break;
            }
        }

        Fields.RequireAll(seen, start);
        return new ModuleResult(retcode, message, warning, data, logs);
    }

    /// <inheritdoc />
    private protected override void WriteValue(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(5);
        writer.WriteStringUtf8("retcode"u8);
        writer.WriteInt64(Retcode);
        writer.WriteStringUtf8("message"u8);
        writer.WriteString(Message);
        writer.WriteStringUtf8("warning"u8);
        FieldReader.WriteStringArray(ref writer, Warning);
        writer.WriteStringUtf8("data"u8);
        Data.Write(ref writer);
        writer.WriteStringUtf8("logs"u8);
        FieldReader.WriteStringArray(ref writer, Logs);
    }
}
