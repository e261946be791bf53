using System.Buffers;
using Omg.Protocol.Framing;
using Omg.Protocol.MessagePack;
using Omg.Protocol.Messages;
using Omg.Tests.Shared.Fuzzing;

namespace Omg.Protocol.Tests.Fuzz;

/// <summary>
/// The protocol's fuzz targets, each one input in and the property checked: the CsCheck tests beside this file run
/// them on a fixed budget, the SharpFuzz harness (tests/Omg.Fuzz) for as long as it is left running. A target
/// returns normally when the code under test answered as documented and throws anything else.
/// </summary>
public static class ProtocolFuzzTargets
{
    /// <summary>
    /// A request payload decodes to a request or throws <see cref="ProtocolException"/> (PARSE_ERROR, or
    /// METHOD_NOT_FOUND as <see cref="UnknownVariantException"/>) carrying the id <see cref="Request.ProbeId(ReadOnlySpan{byte})"/>
    /// reads; a decoded request re-encodes to bytes that decode to the same encoding.
    /// </summary>
    public static void DecodeRequest(byte[] payload)
    {
        ulong? probed = Request.ProbeId(payload);
        Request request;
        try
        {
            request = MessageCodec.DecodeRequest(payload);
        }
        catch (UnknownVariantException ex)
        {
            FuzzPropertyException.Unless(ex.ErrorCode == ErrorCodes.MethodNotFound, $"unknown variant answered with code {ex.ErrorCode}");
            FuzzPropertyException.Unless(ex.RequestId == probed, $"unknown variant carries id {ex.RequestId}, ProbeId reads {probed}");
            return;
        }
        catch (ProtocolException ex)
        {
            FuzzPropertyException.Unless(ex.ErrorCode == ErrorCodes.ParseError, $"undecodable request answered with code {ex.ErrorCode}");
            FuzzPropertyException.Unless(ex.RequestId == probed, $"PARSE_ERROR carries id {ex.RequestId}, ProbeId reads {probed}");
            return;
        }

        FuzzPropertyException.Unless(probed == request.Id, $"decoded id {request.Id}, ProbeId reads {probed}");
        byte[] encoded = MessageCodec.Encode(request);
        ExpectSameEncoding(encoded, MessageCodec.Encode(MessageCodec.DecodeRequest(encoded)));
    }

    /// <summary>A response payload decodes to a response or throws <see cref="MessagePackException"/>; a decoded one re-encodes stably.</summary>
    public static void DecodeResponse(byte[] payload)
    {
        Response response;
        try
        {
            response = MessageCodec.DecodeResponse(payload);
        }
        catch (MessagePackException)
        {
            return;
        }

        byte[] encoded = MessageCodec.Encode(response);
        ExpectSameEncoding(encoded, MessageCodec.Encode(MessageCodec.DecodeResponse(encoded)));
    }

    /// <summary>
    /// A byte stream read as frames: the stream reader (over reads of 1 to 16 bytes) and the pipeline reader (over a
    /// sequence of segments of those sizes) take the same payloads off it and stop at the same place with the same
    /// outcome (clean end, truncated frame, or a frame over the limit, refused from its header), and each payload the
    /// daemon would decode answers as <see cref="DecodeRequest"/> says. The first byte picks the limit and chunk size.
    /// </summary>
    public static void ReadFrames(byte[] input)
    {
        if (input.Length == 0)
        {
            return;
        }

        int maxSize = 1 + (input[0] & 0x7f) * 8;
        int chunk = 1 + (input[0] >> 4);
        byte[] stream = input[1..];
        (List<byte[]> streamed, string streamEnd) = ReadWithStream(stream, maxSize, chunk);
        (List<byte[]> piped, string pipeEnd) = ReadWithPipeline(stream, maxSize, chunk);
        FuzzPropertyException.Unless(streamed.Count == piped.Count, $"stream reader took {streamed.Count} frames, pipeline reader {piped.Count}");
        for (int i = 0; i < streamed.Count; i++)
        {
            ExpectSameEncoding(streamed[i], piped[i]);
            DecodeRequest(streamed[i]);
        }

        FuzzPropertyException.Unless(streamEnd == pipeEnd, $"stream reader ended '{streamEnd}', pipeline reader '{pipeEnd}'");
    }

    private static (List<byte[]> Frames, string End) ReadWithStream(byte[] data, int maxSize, int chunk)
    {
        var frames = new List<byte[]>();
        var stream = new ChunkedStream(data, chunk);
        try
        {
            while (FrameReader.ReadAsync(stream, maxSize).AsTask().GetAwaiter().GetResult() is { } payload)
            {
                frames.Add(payload);
            }

            return (frames, "end");
        }
        catch (FrameException ex)
        {
            return (frames, ex.TooLarge ? $"too large {ex.DeclaredLength}" : "truncated");
        }
    }

    private static (List<byte[]> Frames, string End) ReadWithPipeline(byte[] data, int maxSize, int chunk)
    {
        var frames = new List<byte[]>();
        ReadOnlySequence<byte> buffer = Segments(data, chunk);
        try
        {
            while (FrameReader.TryRead(ref buffer, maxSize, out ReadOnlySequence<byte> payload))
            {
                frames.Add(payload.ToArray());
            }

            return (frames, buffer.IsEmpty ? "end" : "truncated");
        }
        catch (FrameException ex)
        {
            FuzzPropertyException.Unless(ex.TooLarge, $"the pipeline reader threw for a frame that is not too large: {ex.Message}");
            return (frames, $"too large {ex.DeclaredLength}");
        }
    }

    private static ReadOnlySequence<byte> Segments(byte[] data, int chunk)
    {
        if (data.Length == 0)
        {
            return ReadOnlySequence<byte>.Empty;
        }

        var first = new Segment(data.AsMemory(0, Math.Min(chunk, data.Length)), 0);
        Segment last = first;
        for (int at = chunk; at < data.Length; at += chunk)
        {
            last = last.Append(data.AsMemory(at, Math.Min(chunk, data.Length - at)));
        }

        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private static void ExpectSameEncoding(byte[] expected, byte[] actual) =>
        FuzzPropertyException.Unless(expected.AsSpan().SequenceEqual(actual), $"encodings differ: {Hex.Of(expected)} vs {Hex.Of(actual)}");

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
