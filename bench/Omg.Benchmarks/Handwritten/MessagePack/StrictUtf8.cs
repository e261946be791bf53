using System.Text;

namespace Omg.Benchmarks.Handwritten.MessagePack;

/// <summary>UTF-8 that throws on invalid bytes and lone surrogates instead of inventing U+FFFD.</summary>
internal static class StrictUtf8
{
    public static readonly UTF8Encoding Encoding = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
}
