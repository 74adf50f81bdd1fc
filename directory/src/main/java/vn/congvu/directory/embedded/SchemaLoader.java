package vn.congvu.directory.embedded;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.schema.AttributeTypeDefinition;
import com.unboundid.ldap.sdk.schema.ObjectClassDefinition;
import com.unboundid.ldap.sdk.schema.Schema;
import com.unboundid.ldif.LDIFException;
import com.unboundid.ldif.LDIFReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads our schema from the OpenLDAP cn=config LDIF operators load into slapd ({@code olcAttributeTypes},
 * {@code olcObjectClasses}) and turns it into the subschema form UnboundID wants, merged with the standard schema:
 * one schema file for both servers.
 */
final class SchemaLoader {

    /** slapd prefixes exported definitions with their position, e.g. {@code {0}( 1.2.3 NAME ...}. */
    private static final Pattern ORDER_PREFIX = Pattern.compile("^\\{\\d+\\}\\s*");
    private static final Set<String> STRUCTURAL_ATTRIBUTES = Set.of("objectclass", "cn");

    private SchemaLoader() {
    }

    static Schema standardPlus(Path cnConfigLdif) throws IOException, LDAPException {
        List<String> attributeTypes = new ArrayList<>();
        List<String> objectClasses = new ArrayList<>();
        try (LDIFReader reader = new LDIFReader(cnConfigLdif.toFile())) {
            for (Entry e = reader.readEntry(); e != null; e = reader.readEntry()) {
                for (Attribute a : e.getAttributes()) {
                    String name = a.getBaseName().toLowerCase(Locale.ROOT);
                    switch (name) {
                        case "olcattributetypes" -> attributeTypes.addAll(stripOrder(a.getValues()));
                        case "olcobjectclasses" -> objectClasses.addAll(stripOrder(a.getValues()));
                        default -> {
                            if (!STRUCTURAL_ATTRIBUTES.contains(name)) {
                                // olcObjectIdentifier macros, DIT content rules…: not understood here, so refuse
                                // rather than start with a schema different from slapd's.
                                throw new IOException(cnConfigLdif + ": " + a.getName()
                                        + " is not supported by the embedded directory");
                            }
                        }
                    }
                }
            }
        } catch (LDIFException e) {
            throw new IOException(cnConfigLdif + ": " + e.getMessage(), e);
        }
        for (String def : attributeTypes) {
            parse(cnConfigLdif, () -> new AttributeTypeDefinition(def));
        }
        for (String def : objectClasses) {
            parse(cnConfigLdif, () -> new ObjectClassDefinition(def));
        }

        Entry subschema = new Entry("cn=schema");
        subschema.addAttribute("objectClass", "top", "ldapSubentry", "subschema");
        subschema.addAttribute("cn", "schema");
        if (!attributeTypes.isEmpty()) {
            subschema.addAttribute("attributeTypes", attributeTypes);
        }
        if (!objectClasses.isEmpty()) {
            subschema.addAttribute("objectClasses", objectClasses);
        }
        Schema merged = Schema.mergeSchemas(Schema.getDefaultStandardSchema(), new Schema(subschema));
        checkReferences(cnConfigLdif, merged, objectClasses);
        return merged;
    }

    private static List<String> stripOrder(String[] values) {
        List<String> out = new ArrayList<>(values.length);
        for (String v : values) {
            out.add(ORDER_PREFIX.matcher(v.strip()).replaceFirst(""));
        }
        return out;
    }

    /** Every attribute our classes name must exist, or adds of entries using them would fail much later. */
    private static void checkReferences(Path file, Schema schema, List<String> objectClasses) throws LDAPException,
            IOException {
        for (String def : objectClasses) {
            ObjectClassDefinition oc = new ObjectClassDefinition(def);
            List<String> names = new ArrayList<>(List.of(oc.getRequiredAttributes()));
            names.addAll(List.of(oc.getOptionalAttributes()));
            for (String attr : names) {
                if (schema.getAttributeType(attr) == null) {
                    throw new IOException(file + ": object class " + oc.getNameOrOID()
                            + " names unknown attribute " + attr);
                }
            }
            for (String sup : oc.getSuperiorClasses()) {
                if (schema.getObjectClass(sup) == null) {
                    throw new IOException(file + ": object class " + oc.getNameOrOID()
                            + " has unknown superior " + sup);
                }
            }
        }
    }

    private interface Definition {
        Object parse() throws LDAPException;
    }

    private static void parse(Path file, Definition d) throws IOException {
        try {
            d.parse();
        } catch (LDAPException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }
}
