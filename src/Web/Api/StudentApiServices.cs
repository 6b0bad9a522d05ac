using System.Text.Json.Serialization;

namespace Photocollect.Web.Api;

/// <summary>The JSON API's services: its wire format and its OpenAPI document (<c>/openapi/v1.json</c>).</summary>
public static class StudentApiServices
{
    /// <summary>The document's name, the <c>{documentName}</c> of its address.</summary>
    public const string DocumentName = "v1";

    /// <summary>Registers the API's JSON options and its OpenAPI document with the transformers that make it true.</summary>
    public static IServiceCollection AddStudentApi(this IServiceCollection services)
    {
        // Enumerations travel by name ("PendingPayment"); the document's schemas are made from these options, so they
        // list the names too.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(DocumentName, o =>
        {
            o.AddDocumentTransformer<SchoolPathsTransformer>();
            o.AddDocumentTransformer<SignInTransformer>();
            o.AddOperationTransformer<SignInTransformer>();
            o.AddOperationTransformer<ResponseDescriptionsTransformer>();
            o.AddSchemaTransformer<StringEnumSchemaTransformer>();
            o.AddSchemaTransformer<FormFileSchemaTransformer>();
            o.AddSchemaTransformer<ProblemSchemaTransformer>();
        });
        return services;
    }
}
