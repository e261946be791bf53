// The library's format constants and type families under the names the codec has always used; the codec's own
// reader and writer (MessagePack/MessagePackReader.cs, MessagePackWriter.cs) wrap the library's.
global using MessagePackCode = global::MessagePack.MessagePackCode;
global using MessagePackType = global::MessagePack.MessagePackType;
