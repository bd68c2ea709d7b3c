/**
 * The submitted form, or a 415 answer when the body is not a form (a JSON or empty POST from a script):
 * bad input gets a clear 4xx, never a 500.
 */
export async function readForm(request: Request): Promise<FormData> {
  try {
    return await request.formData();
  } catch {
    throw new Response("Send the form as application/x-www-form-urlencoded or multipart/form-data.", { status: 415 });
  }
}
