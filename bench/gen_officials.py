#!/usr/bin/env python3
"""Generates N synthetic officials as a CongVu personnel CSV and, for the baseline, the equivalent LDIF
(the same entries an import creates: base tree, units, people with {SSHA} passwords, groups with members)."""
import base64, hashlib, os, random, sys

def ssha(password):
    salt = os.urandom(8)
    return "{SSHA}" + base64.b64encode(hashlib.sha1(password.encode() + salt).digest() + salt).decode()

def main():
    if len(sys.argv) != 5:
        sys.exit("usage: gen_officials.py N DOMAIN OUT.csv OUT.ldif")
    n, domain, csv_path, ldif_path = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
    base = ",".join("dc=" + p for p in domain.split("."))
    rnd = random.Random(42)
    families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ"]
    middles = ["Văn", "Thị", "Minh", "Hữu", "Đức", "Thanh", "Quốc", "Ngọc"]
    givens = ["An", "Bình", "Chi", "Dũng", "Đạt", "Giang", "Hà", "Hải", "Hương", "Khánh", "Linh", "Nam", "Phúc", "Quân", "Thảo", "Yến"]
    prefixes = ["32", "33", "34", "35", "36", "37", "38", "39", "86", "96", "97", "98", "81", "82", "83", "84",
                "85", "88", "91", "94", "70", "76", "77", "78", "79", "89", "90", "93"]
    districts = ["HUYEN-%02d" % d for d in range(1, 11)]
    groups = ["van-phong", "lanh-dao", "doan-thanh-nien", "cong-doan", "tin-hoc"]
    people, members = [], {g: [] for g in groups}
    with open(csv_path, "w", encoding="utf-8") as f:
        f.write("uid,full_name,mail,mobile,unit,title,groups,status\n")
        for i in range(n):
            uid = "cb%05d" % i
            name = "%s %s %s" % (rnd.choice(families), rnd.choice(middles), rnd.choice(givens))
            mobile = "0%s%07d" % (rnd.choice(prefixes), i)
            district = districts[i % len(districts)]
            commune = "%s-XA-%02d" % (district, i % 7)
            gs = sorted({groups[i % 5], groups[(i * 7) % 5]})
            f.write("%s,%s,%s@%s,%s,TINH/%s/%s,Chuyên viên,%s,active\n" % (uid, name, uid, domain, mobile,
                    district, commune, "|".join(gs)))
            people.append((uid, name, mobile, commune))
            for g in gs:
                members[g].append(uid)
    with open(ldif_path, "w", encoding="utf-8") as f:
        def entry(dn, *attrs):
            f.write("dn: %s\n" % dn)
            for a, v in attrs:
                f.write("%s: %s\n" % (a, v))
            f.write("\n")
        entry("ou=people," + base, ("objectClass", "organizationalUnit"), ("ou", "people"))
        entry("ou=units," + base, ("objectClass", "organizationalUnit"), ("ou", "units"))
        entry("ou=groups," + base, ("objectClass", "organizationalUnit"), ("ou", "groups"))
        entry("ou=TINH,ou=units," + base, ("objectClass", "organizationalUnit"), ("ou", "TINH"), ("description", "TINH"))
        for d in districts:
            entry("ou=%s,ou=TINH,ou=units,%s" % (d, base), ("objectClass", "organizationalUnit"), ("ou", d), ("description", d))
            for c in range(7):
                code = "%s-XA-%02d" % (d, c)
                entry("ou=%s,ou=%s,ou=TINH,ou=units,%s" % (code, d, base), ("objectClass", "organizationalUnit"),
                      ("ou", code), ("description", code))
        for uid, name, mobile, commune in people:
            words = name.split()
            f.write("dn: uid=%s,ou=people,%s\n" % (uid, base))
            for oc in ("top", "person", "organizationalPerson", "inetOrgPerson", "congvuAccount"):
                f.write("objectClass: %s\n" % oc)
            f.write("uid: %s\ncn: %s\nsn: %s\ngivenName: %s\nmail: %s@%s\nmobile: 84%s\ntitle: Chuyên viên\nou: %s\n"
                    "userPassword: %s\ncongvuAccountStatus: active\ncongvuPasswordMustChange: TRUE\n\n"
                    % (uid, name, words[0], words[-1], uid, domain, mobile[1:], commune, ssha(uid + "-pw")))
        for g in groups:
            dn = "cn=%s,ou=groups,%s" % (g, base)
            f.write("dn: %s\nobjectClass: top\nobjectClass: groupOfNames\nobjectClass: congvuMailGroup\ncn: %s\n"
                    "mail: %s@%s\nmember: %s\n" % (dn, g, g, domain, dn))
            for uid in members[g]:
                f.write("member: uid=%s,ou=people,%s\n" % (uid, base))
            f.write("\n")

if __name__ == "__main__":
    main()
