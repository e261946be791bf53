using System.Diagnostics;
using Omg.Client;

namespace Omg.Benchmarks.Live;

/// <summary>
/// Many <see cref="OmgClient"/>s, each with a thousand calls in flight at once (Ping and Suggest alternating), every
/// answer checked against its call: the load that used to be an xunit test, measured here instead.
/// </summary>
internal static class PipelinedClients
{
    /// <summary>Runs <paramref name="clients"/> x <paramref name="perClient"/> calls and returns requests per second.</summary>
    /// <exception cref="InvalidDataException">A Suggest came back with another call's answer.</exception>
    public static async Task<double> RunAsync(OmgdProcess omgd, int clients, int perClient)
    {
        // Each word's answer, asked once on its own; under load every answer must be its word's.
        string[] words = ["vim", "curl", "python3", "openssl", "zlib", "bash", "git", "perl"];
        var expected = new Dictionary<string, IReadOnlyList<string>>();
        await using (OmgClient first = omgd.Client())
        {
            foreach (string word in words)
            {
                expected[word] = await first.SuggestAsync(word, 5);
            }
        }

        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            await using OmgClient client = omgd.Client();
            await Task.WhenAll(Enumerable.Range(0, perClient).Select(async i =>
            {
                if (i % 2 == 0)
                {
                    await client.PingAsync();
                    return;
                }

                string word = words[(c + i) % words.Length];
                IReadOnlyList<string> names = await client.SuggestAsync(word, 5);
                if (!names.SequenceEqual(expected[word]))
                {
                    throw new InvalidDataException($"client {c} call {i} asked for '{word}' and got [{string.Join(", ", names)}]");
                }
            }));
        }));
        return clients * perClient / clock.Elapsed.TotalSeconds;
    }
}
