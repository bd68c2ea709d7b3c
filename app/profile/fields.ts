// The profile's closed lists, for forms in the browser and checks on the server alike.
export { GENDERS, ORG_TYPES } from "@db/schema";
