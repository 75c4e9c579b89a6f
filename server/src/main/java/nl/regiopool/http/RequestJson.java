package nl.regiopool.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.databind.AnnotationIntrospector;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.NopAnnotationIntrospector;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.stream.Collectors;
import nl.regiopool.problem.ProblemException;
import nl.regiopool.problem.Problems;

/**
 * Request bodies as the spec writes them, for what Jackson and bean validation cannot see alone: {@code null}
 * only where a property is {@code nullable} (never inside a list), no NUL characters or lone surrogates in any
 * string, and no blank text where the schema asks for at least one character.
 */
public final class RequestJson {

    private static final String MODEL_PACKAGE = "nl.regiopool.api.model";

    private RequestJson() {
    }

    public static void configure(ObjectMapper mapper, RequestSchemas schemas) {
        mapper.registerModule(new SimpleModule("request-text").addDeserializer(String.class, TextDeserializer.ANY));
        AnnotationIntrospector existing = mapper.getDeserializationConfig().getAnnotationIntrospector();
        mapper.setAnnotationIntrospector(AnnotationIntrospector.pair(new SchemaRules(schemas), existing));
    }

    public static List<Object> mappers() {
        return List.of(new OfRefusedText(), new OfNull());
    }

    /** The property of a generated request model that a setter or field stands for. */
    private record Property(String schema, String name) {
        static Property of(Annotated annotated, RequestSchemas schemas) {
            if (!(annotated instanceof AnnotatedMember member)) {
                return null;
            }
            Class<?> owner = member.getDeclaringClass();
            if (!owner.getPackageName().equals(MODEL_PACKAGE) || !schemas.isRequestSchema(owner.getSimpleName())) {
                return null;
            }
            JsonProperty named = member.getAnnotation(JsonProperty.class);
            return new Property(owner.getSimpleName(), named != null ? named.value() : member.getName());
        }
    }

    private static final class SchemaRules extends NopAnnotationIntrospector {
        private final RequestSchemas schemas;

        SchemaRules(RequestSchemas schemas) {
            this.schemas = schemas;
        }

        @Override
        public JsonSetter.Value findSetterInfo(Annotated annotated) {
            Property property = Property.of(annotated, schemas);
            if (property == null) {
                return JsonSetter.Value.empty();
            }
            Nulls value = schemas.isNullable(property.schema(), property.name()) ? Nulls.SET : Nulls.FAIL;
            return JsonSetter.Value.construct(value, Nulls.FAIL);
        }

        @Override
        public Object findDeserializer(Annotated annotated) {
            Property property = Property.of(annotated, schemas);
            if (property != null && schemas.isNonBlankText(property.schema(), property.name())) {
                return TextDeserializer.NON_BLANK;
            }
            return null;
        }
    }

    static String field(JsonMappingException mapping) {
        return mapping.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    public static final class OfRefusedText implements ExceptionMapper<RefusedText> {
        @Override
        public Response toResponse(RefusedText exception) {
            String field = field(exception);
            return Problems.response(exception.problem(field.isEmpty() ? "body" : field));
        }
    }

    public static final class OfNull implements ExceptionMapper<InvalidNullException> {
        @Override
        public Response toResponse(InvalidNullException exception) {
            String field = field(exception);
            return Problems.response(ProblemException.invalid(field.isEmpty() ? "body" : field, "NULL_NOT_ALLOWED",
                    "null is not allowed here; leave an optional field out instead."));
        }
    }
}
