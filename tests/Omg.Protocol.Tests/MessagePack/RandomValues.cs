using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Tests.MessagePack;

/// <summary>Generates random value trees that reach every format family and its boundaries.</summary>
internal sealed class RandomValues(int seed)
{
    private static readonly long[] InterestingIntegers =
    [
        0, 1, 127, 128, 255, 256, 65535, 65536, uint.MaxValue, (long)uint.MaxValue + 1, long.MaxValue,
        -1, -32, -33, -128, -129, -32768, -32769, int.MinValue, (long)int.MinValue - 1, long.MinValue,
    ];

    private readonly Random _random = new(seed);

    public MessagePackValue Next(int depth = 0, bool jsonOnly = false)
    {
        int kinds = depth >= 4 ? 8 : 10;
        switch (_random.Next(kinds))
        {
            case 0: return MessagePackValue.Nil;
            case 1: return MessagePackValue.From(_random.Next(2) == 0);
            case 2:
                return _random.Next(3) switch
                {
                    0 => MessagePackValue.From(InterestingIntegers[_random.Next(InterestingIntegers.Length)]),
                    1 => MessagePackValue.From(ulong.MaxValue - (ulong)_random.Next(1000)),
                    _ => MessagePackValue.From(_random.NextInt64(long.MinValue, long.MaxValue)),
                };
            case 3:
                double d = (_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-20, 20));
                return jsonOnly || _random.Next(2) == 0 ? MessagePackValue.From(d) : MessagePackValue.From((float)d);
            case 4: return MessagePackValue.From(NextString());
            case 5:
                if (jsonOnly)
                {
                    return MessagePackValue.From(NextString());
                }

                byte[] bytes = new byte[NextLength()];
                _random.NextBytes(bytes);
                return MessagePackValue.Binary(bytes);
            case 6:
                if (jsonOnly)
                {
                    return MessagePackValue.From(_random.Next());
                }

                return _random.Next(2) == 0
                    ? MessagePackValue.From(new MessagePackTimestamp(_random.NextInt64(-1L << 40, 1L << 40), (uint)_random.Next(1_000_000_000)))
                    : MessagePackValue.Extension((sbyte)_random.Next(0, 128), new byte[_random.Next(0, 20)]);
            case 7: return MessagePackValue.From(NextString());
            case 8:
                int count = _random.Next(0, depth == 0 ? 20 : 6);
                return MessagePackValue.Array(Enumerable.Range(0, count).Select(_ => Next(depth + 1, jsonOnly)).ToArray());
            default:
                int pairs = _random.Next(0, depth == 0 ? 18 : 5);
                var keys = new HashSet<string>();
                var entries = new List<KeyValuePair<MessagePackValue, MessagePackValue>>();
                for (int i = 0; i < pairs; i++)
                {
                    string key = NextString();
                    if (keys.Add(key))
                    {
                        entries.Add(KeyValuePair.Create(MessagePackValue.From(key), Next(depth + 1, jsonOnly)));
                    }
                }

                if (!jsonOnly && _random.Next(4) == 0)
                {
                    entries.Add(KeyValuePair.Create(MessagePackValue.From((long)-_random.Next(1, 1000)), MessagePackValue.Nil));
                }

                return MessagePackValue.Map(entries);
        }
    }

    private int NextLength() => _random.Next(5) switch
    {
        0 => _random.Next(0, 32),
        1 => 31 + _random.Next(0, 3),
        2 => 255 + _random.Next(0, 3),
        3 => _random.Next(0, 300),
        _ => _random.Next(0, 8),
    };

    private string NextString()
    {
        const string alphabet = "abcxyz-_. 0129é€😀\"\\\n\t";
        int length = NextLength();
        var chars = new System.Text.StringBuilder(length);
        for (int i = 0; i < length; i++)
        {
            chars.Append(alphabet[_random.Next(alphabet.Length)]);
            if (char.IsHighSurrogate(chars[^1]))
            {
                chars.Append(alphabet[alphabet.IndexOf(chars[^1], StringComparison.Ordinal) + 1]);
            }
            else if (char.IsLowSurrogate(chars[^1]))
            {
                chars.Length--;
            }
        }

        return chars.ToString();
    }
}
