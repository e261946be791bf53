using System.Diagnostics;
using System.Text.Json;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Omg.Protocol.Tests.MessagePack;

namespace Omg.Protocol.Tests.Messages;

/// <summary>
/// Checks our bytes against Python's msgpack, an independent implementation (Debian's python3-msgpack,
/// installed by .ci/run and the README): what we write, Python reads to the same structure, and what
/// Python writes, we read.
/// </summary>
public sealed class PythonInteropTests
{
    private const string Script = """
        import sys, json, msgpack
        def plain(v):
            if isinstance(v, bytes): return {"$bin": v.hex()}
            if isinstance(v, msgpack.ExtType): return {"$ext": v.code}
            if isinstance(v, dict): return {str(k): plain(x) for k, x in v.items()}
            if isinstance(v, (list, tuple)): return [plain(x) for x in v]
            return v
        for line in sys.stdin:
            line = line.strip()
            if line.startswith("pack "):
                print(msgpack.packb(json.loads(line[5:])).hex())
            else:
                print(json.dumps(plain(msgpack.unpackb(bytes.fromhex(line), strict_map_key=False, timestamp=0))))
        """;

    [Fact]
    public void Python_reads_every_response_we_write_as_the_same_structure()
    {
        IReadOnlyList<Response> responses = SampleMessages.Responses();
        string[] lines = RunPython(responses.Select(r => Hex.Of(MessageCodec.Encode(r))));
        for (int i = 0; i < responses.Count; i++)
        {
            MessagePackValue ours = MessagePackValue.Decode(MessageCodec.Encode(responses[i]));
            using JsonDocument theirs = JsonDocument.Parse(lines[i]);
            using JsonDocument mine = JsonDocument.Parse(MessagePackJson.ToJson(ours));
            Assert.True(JsonEquivalent(mine.RootElement, theirs.RootElement), $"{lines[i]}\n{MessagePackJson.ToJson(ours)}");
        }
    }

    [Fact]
    public void Python_packs_random_json_trees_to_the_bytes_we_write()
    {
        var inputs = new List<MessagePackValue>();
        for (int seed = 0; seed < 60; seed++)
        {
            inputs.Add(new RandomValues(seed).Next(jsonOnly: true));
        }

        string[] lines = RunPython(inputs.Select(v => "pack " + MessagePackJson.ToJson(v)));
        for (int i = 0; i < inputs.Count; i++)
        {
            // Python packs floats as float64 and our JSON path yields float64 too, so bytes must agree.
            Assert.Equal(lines[i], Hex.Of(inputs[i].Encode()));
        }
    }

    private static string[] RunPython(IEnumerable<string> input)
    {
        var start = new ProcessStartInfo("/usr/bin/python3", ["-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process process = Process.Start(start)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        foreach (string line in input)
        {
            process.StandardInput.WriteLine(line);
        }

        process.StandardInput.Close();
        Assert.True(process.WaitForExit(60_000), "python did not finish");
        Assert.True(process.ExitCode == 0, "python3-msgpack is required (apt-get install python3-msgpack): " + stderr.Result);
        return stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static bool JsonEquivalent(JsonElement mine, JsonElement theirs)
    {
        // Our rendering of bin/ext differs from the script's markers; everything in the samples is plain.
        if (mine.ValueKind != theirs.ValueKind)
        {
            return false;
        }

        return mine.ValueKind switch
        {
            JsonValueKind.Object => mine.EnumerateObject().Count() == theirs.EnumerateObject().Count()
                && mine.EnumerateObject().All(p => theirs.TryGetProperty(p.Name, out JsonElement v) && JsonEquivalent(p.Value, v)),
            JsonValueKind.Array => mine.GetArrayLength() == theirs.GetArrayLength()
                && mine.EnumerateArray().Zip(theirs.EnumerateArray()).All(t => JsonEquivalent(t.First, t.Second)),
            JsonValueKind.Number => Math.Abs(mine.GetDouble() - theirs.GetDouble()) <= Math.Abs(mine.GetDouble()) * 1e-7,
            JsonValueKind.String => mine.GetString() == theirs.GetString(),
            _ => true,
        };
    }
}
