using System.Runtime.InteropServices;

namespace CreatorStream.Kafka.Native;

/// <summary>
/// Points every P/Invoke into librdkafka at the operating system's <c>librdkafka.so.1</c>
/// (Debian package <c>librdkafka1</c>, docs/design.md, "Environment").
/// </summary>
/// <remarks>
/// <para>
/// Confluent.Kafka 1.9.3 is referenced without <c>librdkafka.redist</c>, so its
/// <c>[DllImport("librdkafka")]</c> would look for <c>librdkafka.so</c>, which only the <c>-dev</c>
/// package installs. <see cref="EnsureLoaded"/> loads <c>librdkafka.so.1</c> once and registers a
/// <see cref="NativeLibrary.SetDllImportResolver"/> on Confluent.Kafka's assembly and on this one,
/// so Confluent.Kafka and this project's own imports (the embedded broker's mock cluster calls)
/// share the one loaded library.
/// </para>
/// <para>
/// <b>Every place that creates a Confluent.Kafka client (producer, consumer, admin client) must
/// call <see cref="EnsureLoaded"/> first.</b> Confluent.Kafka binds its native functions when it
/// builds its first client; if the resolver is not registered by then, that build fails with a
/// <see cref="DllNotFoundException"/> naming <c>librdkafka</c>, which says nothing about the fix.
/// </para>
/// <para>
/// This class must stay the only caller of <see cref="NativeLibrary.SetDllImportResolver"/> for
/// Confluent.Kafka's assembly: the runtime allows one resolver per assembly and throws
/// <see cref="InvalidOperationException"/> on a second.
/// </para>
/// </remarks>
public static class KafkaNative
{
    /// <summary>The file name of the operating system's librdkafka (soname of Debian's librdkafka1).</summary>
    public const string LibraryFileName = "librdkafka.so.1";

    // The name Confluent.Kafka's [DllImport] attributes ask for.
    private const string ConfluentLibraryName = "librdkafka";

    private static readonly Lock Gate = new();

    // Written once under Gate, read without it on the fast path; 0 until loaded.
    private static nint libraryHandle;

    /// <summary>
    /// Loads <c>librdkafka.so.1</c> and registers the import resolvers. Idempotent and thread-safe:
    /// after the first successful call, later calls return at once.
    /// </summary>
    /// <exception cref="InvalidOperationException">
    /// <c>librdkafka.so.1</c> cannot be loaded (the message says which package to install), or
    /// another component already registered a resolver for Confluent.Kafka's assembly.
    /// </exception>
    public static void EnsureLoaded()
    {
        if (Volatile.Read(ref libraryHandle) != 0)
        {
            return;
        }

        lock (Gate)
        {
            if (libraryHandle != 0)
            {
                return;
            }

            if (!NativeLibrary.TryLoad(LibraryFileName, out var handle))
            {
                throw new InvalidOperationException(
                    $"The native Kafka client library {LibraryFileName} could not be loaded. " +
                    "Install the Debian package librdkafka1 (`sudo apt-get install librdkafka1`); " +
                    "CreatorStream uses the operating system's librdkafka because Confluent.Kafka is " +
                    "referenced without librdkafka.redist (docs/design.md, Environment).");
            }

            // Returning 0 hands any other library name back to the runtime's default probing.
            DllImportResolver resolve = (name, _, _) => name is ConfluentLibraryName or LibraryFileName ? handle : 0;
            NativeLibrary.SetDllImportResolver(typeof(Confluent.Kafka.Library).Assembly, resolve);
            NativeLibrary.SetDllImportResolver(typeof(KafkaNative).Assembly, resolve);

            // Published last, so the fast path above never skips a resolver that is not yet registered.
            Volatile.Write(ref libraryHandle, handle);
        }
    }
}
