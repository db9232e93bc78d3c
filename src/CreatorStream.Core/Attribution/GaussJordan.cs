namespace CreatorStream.Core.Attribution;

/// <summary>Dense matrix inversion for the small absorbing-chain systems of <see cref="MarkovChain"/>. Stateless; thread-safe.</summary>
internal static class GaussJordan
{
    /// <summary>
    /// The inverse of a square matrix by Gauss–Jordan elimination with partial pivoting: O(n³) time, O(n²) memory.
    /// The input is not changed.
    /// </summary>
    /// <exception cref="InvalidOperationException">The matrix is singular (a zero pivot).</exception>
    public static double[,] Invert(double[,] matrix)
    {
        var n = matrix.GetLength(0);
        var a = (double[,])matrix.Clone();
        var inverse = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            inverse[i, i] = 1;
        }

        for (var column = 0; column < n; column++)
        {
            var pivot = column;
            for (var row = column + 1; row < n; row++)
            {
                if (Math.Abs(a[row, column]) > Math.Abs(a[pivot, column]))
                {
                    pivot = row;
                }
            }

            if (a[pivot, column] == 0)
            {
                throw new InvalidOperationException("The matrix is singular.");
            }

            SwapRows(a, pivot, column);
            SwapRows(inverse, pivot, column);

            var scale = 1 / a[column, column];
            for (var j = 0; j < n; j++)
            {
                a[column, j] *= scale;
                inverse[column, j] *= scale;
            }

            for (var row = 0; row < n; row++)
            {
                var factor = a[row, column];
                if (row == column || factor == 0)
                {
                    continue;
                }

                for (var j = 0; j < n; j++)
                {
                    a[row, j] -= factor * a[column, j];
                    inverse[row, j] -= factor * inverse[column, j];
                }
            }
        }

        return inverse;
    }

    private static void SwapRows(double[,] matrix, int first, int second)
    {
        if (first == second)
        {
            return;
        }

        for (var j = 0; j < matrix.GetLength(1); j++)
        {
            (matrix[first, j], matrix[second, j]) = (matrix[second, j], matrix[first, j]);
        }
    }
}
