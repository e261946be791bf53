using System.Runtime.CompilerServices;

namespace Omg.Packages.Index;

/// <summary>
/// Maps bigrams and trigrams to slots of a direct-addressed table. Characters get 6-bit codes:
/// letters, digits and common punctuation their own, everything else one shared code (so a slot may
/// hold grams that differ in such characters; callers verify candidates).
/// </summary>
internal static class Grams
{
    private const int TrigramSlots = 64 * 64 * 64;

    /// <summary>Number of slots: all trigrams, then all bigrams.</summary>
    public const int Slots = TrigramSlots + (64 * 64);

    private static readonly byte[] Codes = BuildCodes();

    /// <summary>The slot of a gram of two or three characters.</summary>
    public static int Key(ReadOnlySpan<char> gram) => gram.Length == 2
        ? TrigramSlots + (Code(gram[0]) << 6) + Code(gram[1])
        : (Code(gram[0]) << 12) + (Code(gram[1]) << 6) + Code(gram[2]);

    /// <summary>
    /// The slots of every bigram and trigram of <paramref name="token"/> (bigram then trigram at each
    /// position), written to <paramref name="buffer"/>, which must hold 2 * length entries.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static ReadOnlySpan<int> Keys(string token, Span<int> buffer)
    {
        var s = token.AsSpan();
        if (s.Length < 2)
        {
            return [];
        }

        var n = 0;
        var a = Code(s[0]);
        var b = Code(s[1]);
        for (var i = 2; ; i++)
        {
            buffer[n++] = TrigramSlots + (a << 6) + b;
            if (i == s.Length)
            {
                return buffer[..n];
            }

            var c = Code(s[i]);
            buffer[n++] = (a << 12) + (b << 6) + c;
            a = b;
            b = c;
        }
    }

    private static int Code(char c) => c < 128 ? Codes[c] : 63;

    private static byte[] BuildCodes()
    {
        var codes = new byte[128];
        Array.Fill(codes, (byte)63);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-.+_:/,()'\"!?;=#@&*[]<>%$";
        for (var i = 0; i < alphabet.Length; i++)
        {
            codes[alphabet[i]] = (byte)(i + 1);
        }

        return codes;
    }
}
