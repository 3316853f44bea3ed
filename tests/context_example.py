"""An article whose second claim is answered in the words of the sentence before it (nlp.context):
used by the scorer's, the practice service's and the CLI's tests."""

ARTICLE = """A Fair Levy

Sugary drinks should carry a tax scaled to their sugar content. Children drink them every day.

Critics call the tax regressive, because low-income households spend a larger share of their budget on it. \
But poorer families also suffer the most from obesity and tooth decay, so they gain the most when consumption \
falls. Dentists see the damage first.

Shoppers do not simply switch to sweets; most move to water or milk.
"""
QUOTES = ["Sugary drinks should carry a tax scaled to their sugar content",
          "poorer families also suffer the most from obesity and tooth decay, so they gain the most when "
          "consumption falls",
          "Shoppers do not simply switch to sweets; most move to water or milk"]
SPANS = [(ARTICLE.index(q), ARTICLE.index(q) + len(q)) for q in QUOTES]
# Answers the second claim in the words of the sentence before it (share, budget, low-income households)
ANSWER = ("This ignores who pays: the levy takes a larger share of the budget of low-income households than "
          "of anyone else's, so it is wrong to call it fair, because free school meals and cheaper fruit "
          "would help without taking cash out of their pockets first.")
