using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Omg.Packages.Index;

/// <summary>
/// Builds one <see cref="Vocabulary"/> and two <see cref="Postings"/> over it: all text (names,
/// provides, descriptions) and names only (names and provides). Documents are added in order; tokens
/// are lower-cased into a stack buffer and interned by span (<see cref="TokenTable"/>), so only
/// distinct tokens allocate.
/// </summary>
internal sealed class TextIndexBuilder
{
    // Only ASCII whitespace splits tokens: splitting on fewer characters than the query splitter
    // (char.IsWhiteSpace) keeps tokens supersets, so substring matching stays exact.

    private readonly TokenTable _table;
    private readonly Field _text;
    private readonly Field _names;
    private int _doc = -1;

    public TextIndexBuilder(int documents)
    {
        _table = new TokenTable(documents * 2);
        _text = new Field(documents * 16);
        _names = new Field(documents * 2);
    }

    /// <summary>Starts the next document; text added afterwards belongs to it.</summary>
    public void BeginDocument()
    {
        _doc++;
        _text.Begin();
        _names.Begin();
    }

    /// <summary>Adds a name or provided name of the current document (it is also text).</summary>
    public void AddName(ReadOnlySpan<char> name) => Add(name, true);

    /// <summary>Adds description text of the current document.</summary>
    public void AddText(ReadOnlySpan<char> text) => Add(text, false);

    // A plain loop rather than IndexOfAny with SearchValues: tokens are a few characters long, so vectorizing
    // gains nothing, and this loop inlines into the tokenizer, while the generic search is code the framework
    // does not ship precompiled, which a cold omgd compiled (at tier 0 with quick JIT for loops) before its
    // first build could use it. Separators are the ASCII whitespace set " \t\n\r\f\v".
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SeparatorIndex(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == ' ' || (uint)(c - '\t') <= '\r' - '\t')
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Add(ReadOnlySpan<char> text, bool isName)
    {
        while (!text.IsEmpty)
        {
            var end = SeparatorIndex(text);
            var token = end < 0 ? text : text[..end];
            if (!token.IsEmpty)
            {
                var id = Intern(token);
                _text.Add(id, _doc);
                if (isName)
                {
                    _names.Add(id, _doc);
                }
            }

            if (end < 0)
            {
                break;
            }

            text = text[(end + 1)..];
        }
    }

    // Called per token/record through a cold daemon's first build: compiled optimized at once, since the
    // build would otherwise run mostly tier-0 code (measured: 14 % less build CPU, docs/benchmarks.md).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private int Intern(ReadOnlySpan<char> token)
    {
        Span<char> buffer = stackalloc char[128];
        scoped ReadOnlySpan<char> lower;
        if (token.Length <= buffer.Length)
        {
            lower = buffer[..token.ToLowerInvariant(buffer)];
        }
        else
        {
            lower = token.ToString().ToLowerInvariant();
        }

        return _table.Intern(lower);
    }

    /// <summary>
    /// Appends what <paramref name="next"/> built for the documents that follow this builder's: its tokens
    /// are interned here (the strings are shared, not copied) and its token lists renumbered, so the result
    /// is what one builder would have made of all the documents, up to token numbering. Lets disjoint
    /// document ranges be tokenized on separate cores.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Append(TextIndexBuilder next)
    {
        var renumber = new int[next._table.Tokens.Count];
        for (var t = 0; t < renumber.Length; t++)
        {
            renumber[t] = _table.Intern(next._table.Tokens[t]);
        }

        _text.Append(next._text, renumber);
        _names.Append(next._names, renumber);
        _doc += next._doc + 1;
    }

    /// <summary>The vocabulary, the all-text postings and the names-only postings.</summary>
    public (Vocabulary Vocabulary, Postings Text, Postings Names) Build()
    {
        var tokens = _table.Tokens.ToArray();
        return (Vocabulary.Build(tokens), _text.Invert(tokens.Length), _names.Invert(tokens.Length));
    }

    /// <summary>Document-major token ids of one field, each token once per document.</summary>
    private sealed class Field(int capacity)
    {
        private readonly List<int> _pairs = new(capacity);
        private readonly List<int> _docStart = [];
        private int[] _lastDoc = new int[1024];

        public void Begin() => _docStart.Add(_pairs.Count);

        // Hot in the cold build; see the note on Intern.
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Add(int token, int doc)
        {
            if (token >= _lastDoc.Length)
            {
                Array.Resize(ref _lastDoc, Math.Max(_lastDoc.Length * 2, token + 1));
            }

            // Slots hold document + 1, so the zero of a fresh slot never equals a document.
            if (_lastDoc[token] == doc + 1)
            {
                return;
            }

            _lastDoc[token] = doc + 1;
            _pairs.Add(token);
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Append(Field next, int[] renumber)
        {
            foreach (var start in next._docStart)
            {
                _docStart.Add(_pairs.Count + start);
            }

            foreach (var token in next._pairs)
            {
                _pairs.Add(renumber[token]);
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public Postings Invert(int tokenCount)
        {
            _docStart.Add(_pairs.Count);
            return Postings.Invert(tokenCount, CollectionsMarshal.AsSpan(_pairs), CollectionsMarshal.AsSpan(_docStart));
        }
    }
}
