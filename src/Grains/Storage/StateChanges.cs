using Orleans.Storage;

namespace Photocollect.Grains.Storage;

/// <summary>The write every grain state change makes: decided on the current state, written at once, decided again
/// when the row changed under the activation, and nothing kept when the database did not answer.</summary>
internal static class StateChanges
{
    /// <summary>
    /// Writes what <paramref name="change"/> makes of the current state (null, or the same state: nothing to write) and
    /// returns the state that holds afterwards. A version clash reads the row and decides again, up to
    /// <paramref name="attempts"/> times; any other failure restores the state read and calls <paramref name="unsaved"/>
    /// (the grain deactivates, so the next call reads the row afresh) before the exception goes on.
    /// </summary>
    public static async Task<T> ChangeAsync<T>(this IPersistentState<T> storage, Func<T> current, Func<T, T?> change, Action unsaved, int attempts, CancellationToken cancellationToken)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var state = current();
            if (change(state) is not { } next || Equals(next, state))
            {
                return state;
            }

            storage.State = next;
            try
            {
                await storage.WriteStateAsync(cancellationToken);
                return next;
            }
            catch (InconsistentStateException) when (attempt < attempts)
            {
                await storage.ReadStateAsync(cancellationToken);
            }
            catch (Exception e) when (e is not InconsistentStateException)
            {
                storage.State = state;
                unsaved();
                throw;
            }
        }
    }
}
