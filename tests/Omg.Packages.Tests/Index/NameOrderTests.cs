using Omg.Packages.Index;

namespace Omg.Packages.Tests.Index;

/// <summary>
/// The build's name sort: large inputs are sorted as two halves on two threads and merged. Whatever the size,
/// the result must be the ordinal order, with every position still beside its own name.
/// </summary>
public sealed class NameOrderTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(100, 0)]
    [InlineData(8191, 0)]   // just below the parallel path
    [InlineData(8192, 0)]
    [InlineData(64001, 0)]  // odd, so the halves differ in size
    [InlineData(20000, 1)]  // already ascending: the first half runs out first and the second is the tail
    [InlineData(20001, -1)] // descending: the other way round
    public void Sorts_names_ordinally_and_moves_positions_with_them(int count, int presorted)
    {
        var random = new Random(count);

        // Case, digits and punctuation as in package names, plus many duplicates, which is where a merge that
        // takes from the wrong half or drops a tail goes wrong.
        const string alphabet = "abcXYZ019-+.";
        var names = new string[count];
        for (var i = 0; i < count; i++)
        {
            names[i] = random.Next(4) == 0 && i > 0
                ? names[random.Next(i)]
                : new string(Enumerable.Range(0, 1 + random.Next(6)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
        }

        if (presorted != 0)
        {
            Array.Sort(names, (x, y) => presorted * string.CompareOrdinal(x, y));
        }

        var original = (string[])names.Clone();
        var positions = Enumerable.Range(0, count).ToArray();

        NameOrder.Sort(names, positions);

        Assert.Equal(original.Order(StringComparer.Ordinal), names);
        Assert.Equal(Enumerable.Range(0, count), positions.Order());
        for (var i = 0; i < count; i++)
        {
            Assert.Same(original[positions[i]], names[i]);
        }
    }
}
