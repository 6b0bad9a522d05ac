namespace Photocollect.Data;

/// <summary>How a delivered photo's file is named: the school's choice, as its student-record system expects.</summary>
public enum DeliveryNaming
{
    /// <summary>学号.jpg.</summary>
    StudentNumber,

    /// <summary>身份证号.jpg.</summary>
    IdNumber,

    /// <summary>考生号.jpg (from the roster).</summary>
    ExamNumber,
}
