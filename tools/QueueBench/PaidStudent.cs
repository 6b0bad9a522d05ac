namespace Photocollect.QueueBench;

/// <summary>A student with a paid on-site order, signed in through the API: its client carries the bearer token.</summary>
/// <param name="Index">Position in the bench's list: even ones scan through A, odd ones through B.</param>
/// <param name="Phone">The phone the student signed in with.</param>
/// <param name="Token">The bearer token.</param>
/// <param name="OrderId">The paid order.</param>
/// <param name="Http">The student's client (bearer token set; shares the bench's connections).</param>
public sealed record PaidStudent(int Index, string Phone, string Token, Guid OrderId, HttpClient Http)
{
    /// <summary>The instance the student's scan goes to: half to A, half to B.</summary>
    public int Home => Index % 2;
}
