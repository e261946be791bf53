using System.Text;
using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>
/// The payload of a <see cref="SuccessResponse"/>: the seed's <c>ResponseResult</c> enum, written as a
/// map with one key, the variant name, whose value is the variant's newtype value
/// (e.g. <c>{"Search": {"packages": [...], "total": 3}}</c>, <c>{"Suggest": ["vim", "vim-tiny"]}</c>).
/// </summary>
public abstract record ResponseResult
{
    /// <summary>The variant name on the wire.</summary>
    public abstract string Variant { get; }

    /// <summary>Writes the result.</summary>
    public void Write(ref MessagePackWriter writer)
    {
        writer.WriteMapHeader(1);
        writer.WriteString(Variant);
        WriteValue(ref writer);
    }

    /// <summary>Reads one result.</summary>
    /// <exception cref="MessagePackException">Malformed, or a variant this build does not know.</exception>
    public static ResponseResult Read(ref MessagePackReader reader)
    {
        int start = reader.Position;
        if (reader.NextType != MessagePackType.Map || reader.ReadMapHeader() != 1)
        {
            throw new MessagePackException("a result must be a map with exactly one key, the result type", start);
        }

        reader.EnterNested();
        ReadOnlySpan<byte> variant = FieldReader.ReadKey(ref reader, "result");
        ResponseResult result = variant switch
        {
            _ when variant.SequenceEqual("Search"u8) => SearchResult.ReadValue(ref reader),
            _ when variant.SequenceEqual("Info"u8) => DetailedPackageInfo.ReadValue(ref reader),
            _ when variant.SequenceEqual("Status"u8) => StatusResult.ReadValue(ref reader),
            _ when variant.SequenceEqual("SecurityAudit"u8) => SecurityAuditResult.ReadValue(ref reader),
            _ when variant.SequenceEqual("Suggest"u8) => new SuggestResult(FieldReader.ReadStringArray(ref reader)),
            _ when variant.SequenceEqual("Batch"u8) => BatchResult.ReadValue(ref reader),
            _ when variant.SequenceEqual("Ping"u8) => new PingResult(reader.ReadString()),
            _ when variant.SequenceEqual("Metrics"u8) => MetricsResult.ReadValue(ref reader),
            _ when variant.SequenceEqual("Runtimes"u8) => RuntimesResult.ReadValue(ref reader),
            _ when variant.SequenceEqual("Modules"u8) => ModulesResult.ReadValue(ref reader),
            _ when variant.SequenceEqual("Module"u8) => ModuleResult.ReadValue(ref reader),
            _ when variant.SequenceEqual("UpdateAdvisories"u8) => AdvisoryUpdateResult.ReadValue(ref reader),
            _ => throw new MessagePackException($"unknown result type '{Encoding.UTF8.GetString(variant)}'", start),
        };
        reader.LeaveNested();
        return result;
    }

    /// <summary>Writes the variant's value (the newtype's inner value).</summary>
    private protected abstract void WriteValue(ref MessagePackWriter writer);
}
