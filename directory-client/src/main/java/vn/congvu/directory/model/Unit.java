package vn.congvu.directory.model;

/**
 * A unit of the organisation tree under {@code ou=units}.
 *
 * @param code       the unit's {@code ou} value, unique in the whole tree
 * @param name       human name ({@code description}), the code when none is set
 * @param parentCode code of the enclosing unit, null for a top-level unit
 */
public record Unit(String code, String name, String dn, String parentCode) {
}
