/** A comma-separated list written as a paragraph, which reads better than one name per line. */
const list = (text: string) => text.trim().split(/\s*,\s*/);

// Name material for the seeded customers: an international mix, so searches and sorts meet
// accents, apostrophes and multi-word names as a real provider's customer base has them.

export const firstNames = list(`
  Anna, Maria, Sophie, Emma, Lena, Laura, Julia, Sara, Hannah, Mia, Olivia, Chloé, Camille, Lucía,
  Martina, Giulia, Elena, Ingrid, Astrid, Freya, Aisha, Fatima, Yuki, Mei, Priya, Ananya, Zofia,
  Katarzyna, Ewa, Ivana, Noor, Leila, Amara, Chiara, Isabel, Inês, Nora, Clara, Ella, Marta, Thomas,
  Michael, Andreas, Stefan, Markus, Daniel, Lukas, Jonas, Felix, Paul, David, James, John, Robert,
  William, Oliver, Jack, Harry, Lucas, Hugo, Louis, Mateo, Pablo, Javier, Marco, Luca, Matteo,
  Giovanni, Piotr, Tomasz, Jan, Jakub, Erik, Lars, Mikael, Sven, Ahmed, Omar, Yusuf, Mehmet, Ali,
  Kenji, Hiroshi, Wei, Raj, Arjun, Vikram, Kwame, Chidi, Tiago, João, André, Nikolai, Dmitri, Ivan,
  Sean
`);

export const lastNames = list(`
  Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Koch, Richter,
  Klein, Wolf, Schröder, Neumann, Braun, Zimmermann, Krüger, Hartmann, Smith, Johnson, Williams,
  Brown, Jones, Miller, Davis, Wilson, Taylor, Anderson, Moore, Jackson, Thompson, White, Harris,
  Clark, Lewis, Walker, Hall, Young, King, Wright, Scott, Green, Baker, Adams, Nelson, Hill, Campbell,
  Mitchell, Roberts, Carter, Phillips, Evans, Turner, Parker, Collins, Edwards, Stewart, Morris, Cook,
  Rogers, Bernard, Dubois, Durand, Lefebvre, Moreau, Laurent, Simon, Garcia, Rodríguez, González,
  Fernández, López, Martínez, Sánchez, Pérez, Gómez, Rossi, Russo, Ferrari, Esposito, Bianchi, Romano,
  Colombo, Ricci, Greco, Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Jansen, de Vries,
  van Dijk, Bakker, Visser, Johansson, Andersson, Karlsson, Nilsson, Eriksson, Larsen, Hansen,
  Nielsen, Jensen, Yılmaz, Kaya, Demir, Şahin, Tanaka, Suzuki, Sato, Takahashi, Wang, Li, Zhang, Liu,
  Chen, Singh, Kumar, Sharma, Patel, Gupta, Silva, Santos, Oliveira, Costa, Novak, Horvat, Popescu,
  Ivanov, Petrov, Papadopoulos, O'Brien, Murphy, Kelly, Byrne
`);

/** Surnames a few customers in a million carry: the benchmark's rare name search finds them. */
export const rareLastNames = list(`
  Zwingenberger, Featherstonehaugh, Quarshie, Vanterpool, Xylander
`);

export const companyWords = list(`
  Blue, North, Bright, Pixel, Alpine, Harbor, Cedar, Summit, Nordic, Urban, Green, Silver, Iron,
  Coastal, Red, Golden, River, Oak, Maple, Swift, Clear, Prime
`);

export const companyTrades = list(`
  Media, Digital, Solutions, Consulting, Studio, Labs, Systems, Web, Design, Logistics, Bakery,
  Dental, Law, Travel, Fitness, Events, Hosting, Architects, Photography, Garden, Motors, Kitchen
`);

/** Words only a handful of companies carry: the benchmark's rare company search finds them. */
export const rareCompanyWords = list(`
  Quillfeather, Brackenwhistle, Yarrowmoor
`);

export const legalForms = list(`
  GmbH, AG, Ltd, LLC, Inc., S.A., SARL, B.V., AB, Oy, S.r.l., Sp. z o.o., KG
`);

/** Mail providers weighted roughly by how often customers use them; the rest use their company's domain. */
export const mailProviders = list(`
  gmail.com, gmail.com, gmail.com, outlook.com, outlook.com, yahoo.com, gmx.de, web.de, icloud.com,
  proton.me, orange.fr, libero.it, mail.ru, hotmail.co.uk, t-online.de
`);

export const topLevelDomains = list(`
  com, com, de, co.uk, fr, it, nl, es, pl, se, net
`);

export const packageNames = list(`
  Starter, Starter Plus, Personal, Blog, Portfolio, Business, Business Plus, Shop, Shop Pro, Agency,
  Agency XL, Developer, Developer Pro, Enterprise, Enterprise XL, Non-profit, Education, Mail Only,
  Reseller Basic, Legacy 2019
`);
