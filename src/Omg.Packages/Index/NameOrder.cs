using System.Runtime.CompilerServices;

namespace Omg.Packages.Index;

/// <summary>
/// Sorts names (ordinal) together with a parallel array of positions. A build sorts some 64,000 names, a
/// serial step of 40-60 ms while the other core waits; large inputs are sorted as two halves side by side,
/// then merged. Equal names keep no particular order: callers order such runs themselves.
/// </summary>
internal static class NameOrder
{
    // Below this, one sort on one thread beats starting a second.
    private const int ParallelThreshold = 8192;

    /// <summary>Sorts <paramref name="names"/> ordinally, applying the same moves to <paramref name="positions"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Sort(string[] names, int[] positions)
    {
        if (names.Length < ParallelThreshold || Environment.ProcessorCount < 2)
        {
            Array.Sort(names, positions, StringComparer.Ordinal);
            return;
        }

        var half = names.Length / 2;
        Parallel.Invoke(
            () => Array.Sort(names, positions, 0, half, StringComparer.Ordinal),
            () => Array.Sort(names, positions, half, names.Length - half, StringComparer.Ordinal));

        var sortedNames = new string[names.Length];
        var sortedPositions = new int[names.Length];
        int a = 0, b = half, to = 0;
        while (a < half && b < names.Length)
        {
            var fromFirst = string.CompareOrdinal(names[a], names[b]) <= 0;
            var from = fromFirst ? a++ : b++;
            sortedNames[to] = names[from];
            sortedPositions[to++] = positions[from];
        }

        for (; a < half; a++, to++)
        {
            sortedNames[to] = names[a];
            sortedPositions[to] = positions[a];
        }

        for (; b < names.Length; b++, to++)
        {
            sortedNames[to] = names[b];
            sortedPositions[to] = positions[b];
        }

        sortedNames.CopyTo(names, 0);
        sortedPositions.CopyTo(positions, 0);
    }
}
