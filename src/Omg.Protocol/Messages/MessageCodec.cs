using System.Buffers;
using Omg.Protocol.MessagePack;

namespace Omg.Protocol.Messages;

/// <summary>
/// Encodes and decodes whole messages: exactly one MessagePack value per payload, read with MessagePack-CSharp's
/// reader under <see cref="MessagePackLimits.Untrusted"/> and written with its writer.
/// </summary>
public static class MessageCodec
{
    /// <summary>Decodes a request payload.</summary>
    /// <exception cref="UnknownVariantException">A well-formed request of a type this build does not know.</exception>
    /// <exception cref="ProtocolException">Anything else undecodable (code PARSE_ERROR), with the id when readable.</exception>
    public static unsafe Request DecodeRequest(ReadOnlySpan<byte> payload, int maxDepth = MessagePackLimits.DefaultMaxDepth)
    {
        Request request;
        fixed (byte* pointer = payload)
        {
            var reader = new MessagePackReader(pointer, payload.Length, MessagePackLimits.WithMaxDepth(maxDepth));
            try
            {
                request = Request.Read(ref reader);
                reader.EnsureEnd();
            }
            catch (Exception ex) when (ex is MessagePackException || MessagePackReader.IsLibraryFailure(ex))
            {
                MessagePackException failure = reader.Translate(ex);
                throw new ProtocolException(ErrorCodes.ParseError, $"cannot decode request: {failure.Message}", Request.ProbeId(payload), failure);
            }
            finally
            {
                reader.Dispose();
            }
        }

        if (request is UnknownRequest unknown)
        {
            throw new UnknownVariantException(unknown.VariantName, Request.ProbeId(payload));
        }

        return request;
    }

    /// <summary>Decodes a response payload.</summary>
    /// <exception cref="MessagePackException">The payload is not a response.</exception>
    public static unsafe Response DecodeResponse(ReadOnlySpan<byte> payload, int maxDepth = MessagePackLimits.DefaultMaxDepth)
    {
        fixed (byte* pointer = payload)
        {
            var reader = new MessagePackReader(pointer, payload.Length, MessagePackLimits.WithMaxDepth(maxDepth));
            try
            {
                Response response = Response.Read(ref reader);
                reader.EnsureEnd();
                return response;
            }
            catch (Exception ex) when (MessagePackReader.IsLibraryFailure(ex))
            {
                throw reader.Translate(ex);
            }
            finally
            {
                reader.Dispose();
            }
        }
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
