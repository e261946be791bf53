using System.Buffers;
using Omg.Benchmarks.Handwritten.MessagePack;

namespace Omg.Benchmarks.Handwritten.Messages;

/// <summary>Encodes and decodes whole messages: exactly one MessagePack value per payload.</summary>
public static class MessageCodec
{
    /// <summary>Decodes a request payload.</summary>
    /// <exception cref="UnknownVariantException">A well-formed request of a type this build does not know.</exception>
    /// <exception cref="ProtocolException">Anything else undecodable (code PARSE_ERROR), with the id when readable.</exception>
    public static Request DecodeRequest(ReadOnlySpan<byte> payload, int maxDepth = MessagePackReader.DefaultMaxDepth)
    {
        Request request;
        try
        {
            var reader = new MessagePackReader(payload, maxDepth);
            request = Request.Read(ref reader);
            reader.EnsureEnd();
        }
        catch (MessagePackException ex)
        {
            throw new ProtocolException(ErrorCodes.ParseError, $"cannot decode request: {ex.Message}", Request.ProbeId(payload), ex);
        }

        if (request is UnknownRequest unknown)
        {
            throw new UnknownVariantException(unknown.VariantName, Request.ProbeId(payload));
        }

        return request;
    }

    /// <summary>Decodes a response payload.</summary>
    /// <exception cref="MessagePackException">The payload is not a response.</exception>
    public static Response DecodeResponse(ReadOnlySpan<byte> payload, int maxDepth = MessagePackReader.DefaultMaxDepth)
    {
        var reader = new MessagePackReader(payload, maxDepth);
        Response response = Response.Read(ref reader);
        reader.EnsureEnd();
        return response;
    }

    /// <summary>Writes a request into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, Request request)
    {
        var writer = new MessagePackWriter(output);
        request.Write(ref writer);
        writer.Flush();
    }

    /// <summary>Writes a response into <paramref name="output"/>.</summary>
    public static void Write(IBufferWriter<byte> output, Response response)
    {
        var writer = new MessagePackWriter(output);
        response.Write(ref writer);
        writer.Flush();
    }

    /// <summary>Encodes a request into a new array (tests, tools; hot paths write into a frame buffer).</summary>
    public static byte[] Encode(Request request)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, request);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Encodes a response into a new array.</summary>
    public static byte[] Encode(Response response)
    {
        var buffer = new ArrayBufferWriter<byte>();
        Write(buffer, response);
        return buffer.WrittenSpan.ToArray();
    }
}
