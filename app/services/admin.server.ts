export { addMember, createOrg, getOrg, listMembers, listOrgs, orgOptions, orgsOfUser, removeMember, setOrgActive, updateOrg } from "../../server/admin/orgs";
