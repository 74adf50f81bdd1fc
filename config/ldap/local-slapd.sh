#!/usr/bin/env bash
# A throwaway local OpenLDAP (Debian slapd) with the CongVu schema, for tests, benchmarks and trying an
# import against a real server. Production installs load congvu-schema.ldif and base.ldif instead (README).
#
#   local-slapd.sh init DIR SUFFIX ROOT_PASSWORD   create DIR/slapd.d and DIR/db with only the suffix entry
#   local-slapd.sh run  DIR PORT                   run slapd in the foreground on ldap://127.0.0.1:PORT/
#
# The root DN is cn=admin,SUFFIX.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SLAPD=${SLAPD:-/usr/sbin/slapd}
SLAPADD=${SLAPADD:-/usr/sbin/slapadd}

usage() { sed -n '2,8p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage

case "$1" in
init)
  [ $# -eq 4 ] || usage
  dir=$(mkdir -p "$2" && cd "$2" && pwd); suffix=$3; rootpw=$4
  [ -x "$SLAPD" ] || { echo "slapd not found at $SLAPD: apt-get install slapd ldap-utils" >&2; exit 1; }
  rm -rf "$dir/slapd.d" "$dir/db"; mkdir -p "$dir/slapd.d" "$dir/db"
  dc=${suffix#dc=}; dc=${dc%%,*}
  cat > "$dir/config.ldif" <<LDIF
dn: cn=config
objectClass: olcGlobal
cn: config
olcPidFile: $dir/slapd.pid
olcArgsFile: $dir/slapd.args
olcLogLevel: none

dn: cn=module{0},cn=config
objectClass: olcModuleList
cn: module{0}
olcModulePath: /usr/lib/ldap
olcModuleLoad: back_mdb

dn: cn=schema,cn=config
objectClass: olcSchemaConfig
cn: schema

include: file:///etc/ldap/schema/core.ldif
include: file:///etc/ldap/schema/cosine.ldif
include: file:///etc/ldap/schema/inetorgperson.ldif
include: file://$here/congvu-schema.ldif

dn: olcDatabase={-1}frontend,cn=config
objectClass: olcDatabaseConfig
objectClass: olcFrontendConfig
olcDatabase: {-1}frontend
olcSortVals: member

dn: olcDatabase={0}config,cn=config
objectClass: olcDatabaseConfig
olcDatabase: {0}config

dn: olcDatabase={1}mdb,cn=config
objectClass: olcDatabaseConfig
objectClass: olcMdbConfig
olcDatabase: {1}mdb
olcSuffix: $suffix
olcRootDN: cn=admin,$suffix
olcRootPW: $rootpw
olcDbDirectory: $dir/db
olcDbMaxSize: 4294967296
olcDbIndex: objectClass eq
olcDbIndex: uid,mail,ou,cn,mobile eq
olcDbIndex: member eq
olcAccess: {0}to attrs=userPassword by self =wx by anonymous auth by * none
olcAccess: {1}to attrs=congvuPasswordHistory,congvuTotpSecret,congvuTotpPendingSecret,congvuRecoveryCode,congvuResetCode by * none
olcAccess: {2}to * by users read by * none
LDIF
  "$SLAPADD" -q -n 0 -F "$dir/slapd.d" -l "$dir/config.ldif"
  printf 'dn: %s\nobjectClass: dcObject\nobjectClass: organization\ndc: %s\no: %s\n' \
    "$suffix" "$dc" "$dc" > "$dir/suffix.ldif"
  "$SLAPADD" -q -n 1 -F "$dir/slapd.d" -l "$dir/suffix.ldif"
  ;;
run)
  [ $# -eq 3 ] || usage
  exec "$SLAPD" -d 0 -h "ldap://127.0.0.1:$3/" -F "$2/slapd.d"
  ;;
*) usage ;;
esac
