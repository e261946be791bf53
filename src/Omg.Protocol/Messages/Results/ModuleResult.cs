using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>The answer to Module: what the module's JSON response said, with its logs moved out of <c>data</c>.</summary>
/// <param name="Retcode">The module's return code (0 here; a non-zero code is answered as an error).</param>
/// <param name="Message">The module's main message.</param>
/// <param name="Warning">Warnings the module returned.</param>
/// <param name="Data">The module's <c>data</c>, nil when it returned none.</param>
/// <param name="Logs">Log lines from <c>data["__sysinspect-module-logs"]</c>.</param>
public sealed record ModuleResult(int Retcode, string Message, IReadOnlyList<string> Warning, MessagePackValue Data, IReadOnlyList<string> Logs) : ResponseResult
{
    private const string TypeName = nameof(ModuleResult);

    /// <inheritdoc />
    public override string Variant => "Module";

    internal static ModuleResult ReadValue(ref MessagePackReader reader)
    {
        int start = reader.Position;
        int count = FieldReader.ReadStructHeader(ref reader, TypeName);
        uint seen = 0;
        int retcode = 0;
        string message = string.Empty;
        string[] warning = [], logs = [];
        MessagePackValue data = MessagePackValue.Nil;
        for (int i = 0; i < count; i++)
        {
            int keyAt = reader.Position;
            ReadOnlySpan<byte> key = FieldReader.ReadKey(ref reader, TypeName);
            int bit = key switch
            {
                _ when key.SequenceEqual("retcode"u8) => 0,
                _ when key.SequenceEqual("message"u8) => 1,
                _ when key.SequenceEqual("warning"u8) => 2,
                _ when key.SequenceEqual("data"u8) => 3,
                _ when key.SequenceEqual("logs"u8) => 4,
                _ => -1,
            };
            if (bit < 0)
            {
                reader.Skip();
                continue;
            }

            FieldReader.MarkSeen(ref seen, bit, key, TypeName, keyAt);
            switch (bit)
            {
                case 0: retcode = reader.ReadInt32(); break;
                case 1: message = reader.ReadString(); break;
                case 2: warning = FieldReader.ReadStringArray(ref reader); break;
                case 3: data = MessagePackValue.Read(ref reader); break;
                default: logs = FieldReader.ReadStringArray(ref reader); break;
            }
        }

        FieldReader.Require(seen, 0, "retcode", TypeName, start);
        FieldReader.Require(seen, 1, "message", TypeName, start);
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
