import { recipesFor, renderRecipe, type DOWNLOAD_PURPOSES } from "@/lib/assets/recipes";
import { ScrollBox } from "@/components/scroll-box";

const EXTENSION = { pem: "pem", p7b: "p7b", p12: "p12", jks: "jks" } as const;

/** Copy-ready install instructions for one download, from the recipe catalogue (lib/assets/recipes). */
export function InstallRecipes({ download, stem }: { download: keyof typeof DOWNLOAD_PURPOSES; stem: string }) {
  const recipes = recipesFor(download);
  if (!recipes.length) return null;
  return (
    <details className="mt-2 text-sm" data-testid="install-recipes">
      <summary className="cursor-pointer text-blue-800">
        How to install it (
        {recipes
          .map((r) => r.platform)
          .filter((p, i, a) => a.indexOf(p) === i)
          .join(", ")}
        )
      </summary>
      <div className="mt-2 space-y-3">
        {recipes.map((recipe) => {
          const out = renderRecipe(recipe, { file: `${stem}.${EXTENSION[recipe.format]}` });
          return (
            <div key={recipe.id} data-testid="recipe" data-recipe={recipe.id}>
              <p className="font-medium">
                {recipe.title} <span className="text-xs text-slate-600">({recipe.format})</span>
              </p>
              {out.config && (
                <ScrollBox
                  as="pre"
                  label="Configuration"
                  className="mt-1 rounded bg-slate-900 p-2 text-xs text-slate-100"
                >
                  {out.config}
                </ScrollBox>
              )}
              <ScrollBox as="pre" label="Commands" className="mt-1 rounded bg-slate-100 p-2 text-xs">
                {out.commands}
              </ScrollBox>
            </div>
          );
        })}
        <p className="text-xs text-slate-600">
          PKCS#12 and JKS files use the password <code>changeit</code> unless you ask for another one.
        </p>
      </div>
    </details>
  );
}
